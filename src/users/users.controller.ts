import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { Actor } from '../common/request-context';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create an account with role grants (OFFICER is always included)' })
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: Actor): Promise<UserDto> {
    return this.users.create(dto, actor);
  }

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'List accounts' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() q: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(q.limit ?? 50, q.cursor);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change roles, disable, or reset the password; not for your own roles' })
  @ApiOkResponse({ type: UserDto })
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: Actor,
  ): Promise<UserDto> {
    return this.users.update(id, dto, actor);
  }
}
