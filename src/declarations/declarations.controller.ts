import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AnyRole, CurrentUser, Roles } from '../auth/decorators';
import { PageQuery } from '../common/pagination';
import { Actor } from '../common/request-context';
import { uuidPipe } from '../common/uuid.pipe';
import type { Response } from 'express';
import { DeclarationsService } from './declarations.service';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './domain/idempotency';
import {
  AmendDeclarationDto,
  AssessmentInputDto,
  AssessmentViewDto,
  AssociationEndedDto,
  CreateDeclarationDto,
  CreatedDeclarationDto,
  DeclarantPageDto,
  DeclarantViewDto,
  InfoAnswerInputDto,
  InfoRequestInputDto,
  InfoRequestViewDto,
  LinksDto,
  VettingViewDto,
} from './dto/declaration.dto';

const CONFLICT = 'The declaration’s status does not allow this (DECLARATION.INVALID_TRANSITION)';
const NOT_FOUND = 'No such declaration, or not yours (DECLARATION.NOT_FOUND)';

@ApiTags('declarations')
@Controller('v1/declarations')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Post()
  @AnyRole()
  @ApiOperation({
    summary: 'Declare one or more notifiable associations',
    description:
      'With an Idempotency-Key header, sending the same request again (after a timeout or a ' +
      'dropped connection) answers as the first time, with Idempotent-Replayed: true, and ' +
      'writes nothing; the same key with another body is a 409.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: '8 to 255 printable ASCII characters, one per declaration the caller means',
  })
  @ApiCreatedResponse({
    type: CreatedDeclarationDto,
    headers: {
      [IDEMPOTENT_REPLAYED_HEADER]: {
        description: '"true" when this answers a request already made with the same key',
        schema: { type: 'string' },
      },
    },
  })
  @ApiConflictResponse({ description: 'DECLARATION.IDEMPOTENCY_KEY_REUSED' })
  async create(
    @Body() dto: CreateDeclarationDto,
    @CurrentUser() actor: Actor,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CreatedDeclarationDto> {
    const { created, replayed } = await this.declarations.create(dto, actor, idempotencyKey);
    if (replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return created;
  }

  // Before ':id' so 'mine' is not taken for an id.
  @Get('mine')
  @AnyRole()
  @ApiOperation({ summary: 'The caller’s declarations (declarant view), newest first' })
  @ApiOkResponse({ type: DeclarantPageDto })
  mine(@Query() q: PageQuery, @CurrentUser() actor: Actor): Promise<DeclarantPageDto> {
    return this.declarations.mine(q, actor);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({
    summary: 'A declaration: declarant view for its declarant, full view for the vetting unit',
  })
  @ApiExtraModels(DeclarantViewDto, VettingViewDto)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(DeclarantViewDto) }, { $ref: getSchemaPath(VettingViewDto) }],
    },
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(
    @Param('id', uuidPipe) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<DeclarantViewDto | VettingViewDto> {
    return this.declarations.get(id, actor);
  }

  @Patch(':id')
  @AnyRole()
  @ApiOperation({
    summary: 'Amend your declaration',
    description:
      'Before assessment the declaration is edited in place. After assessment a new version is ' +
      'created (returned, with its own id) and goes back to the queue; the assessed version is kept.',
  })
  @ApiOkResponse({ type: DeclarantViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  amend(
    @Param('id', uuidPipe) id: string,
    @Body() dto: AmendDeclarationDto,
    @CurrentUser() actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.declarations.amend(id, dto, actor);
  }

  @Post(':id/withdraw')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your declaration (only before it has been assessed)' })
  @ApiOkResponse({ type: DeclarantViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  withdraw(
    @Param('id', uuidPipe) id: string,
    @CurrentUser() actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.declarations.withdraw(id, actor);
  }

  @Post(':id/associates/:associateId/ended')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report that an association has ended (an assessed declaration is re-assessed)',
  })
  @ApiOkResponse({ type: DeclarantViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  associationEnded(
    @Param('id', uuidPipe) id: string,
    @Param('associateId', uuidPipe) associateId: string,
    @Body() dto: AssociationEndedDto,
    @CurrentUser() actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.declarations.associationEnded(id, associateId, dto, actor);
  }

  @Post(':id/info-requests/:requestId/answer')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the vetting unit’s request for more information' })
  @ApiOkResponse({ type: DeclarantViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  answer(
    @Param('id', uuidPipe) id: string,
    @Param('requestId', uuidPipe) requestId: string,
    @Body() dto: InfoAnswerInputDto,
    @CurrentUser() actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.declarations.answerInfoRequest(id, requestId, dto, actor);
  }

  @Post(':id/assessments')
  @Roles('VETTING')
  @ApiOperation({
    summary: 'Assess a declaration (never your own)',
    description:
      'reviewOn defaults by risk level (policy); NO_FURTHER_ACTION without reviewOn closes it.',
  })
  @ApiCreatedResponse({ type: AssessmentViewDto })
  @ApiForbiddenResponse({ description: 'Your own declaration (DECLARATION.SELF_ASSESSMENT)' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  assess(
    @Param('id', uuidPipe) id: string,
    @Body() dto: AssessmentInputDto,
    @CurrentUser() actor: Actor,
  ): Promise<AssessmentViewDto> {
    return this.declarations.assess(id, dto, actor);
  }

  @Post(':id/info-requests')
  @Roles('VETTING')
  @ApiOperation({ summary: 'Ask the declarant for more information (waits in INFO_REQUESTED)' })
  @ApiCreatedResponse({ type: InfoRequestViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  requestInfo(
    @Param('id', uuidPipe) id: string,
    @Body() dto: InfoRequestInputDto,
    @CurrentUser() actor: Actor,
  ): Promise<InfoRequestViewDto> {
    return this.declarations.requestInfo(id, dto, actor);
  }

  @Get(':id/links')
  @Roles('VETTING')
  @ApiOperation({
    summary: 'Other declarants’ declarations naming the same associate, and how they matched',
  })
  @ApiOkResponse({ type: LinksDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  links(@Param('id', uuidPipe) id: string, @CurrentUser() actor: Actor): Promise<LinksDto> {
    return this.declarations.links(id, actor);
  }
}
