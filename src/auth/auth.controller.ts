import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Actor } from '../common/request-context';
import { AnyRole, CurrentUser, Public } from './decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, SessionUserDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @ApiOperation({
    summary: 'Log in with a username and password; returns a short-lived bearer token',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS' })
  login(@Body() _body: LoginDto, @CurrentUser() user: Actor): LoginResponseDto {
    return { ...this.auth.issueToken(user), user: toSessionUser(user) };
  }

  @Get('me')
  @AnyRole()
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentUser() user: Actor): SessionUserDto {
    return toSessionUser(user);
  }
}

function toSessionUser(user: Actor): SessionUserDto {
  return { id: user.id, username: user.username, roles: user.roles, personId: user.personId };
}
