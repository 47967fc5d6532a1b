import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser, Roles } from '../auth/decorators';
import { Actor } from '../common/request-context';
import { CalendarService } from './calendar.service';
import { AddHolidayDto, HolidayDto, HolidayListDto } from './dto/holiday.dto';

@ApiTags('calendar')
@Controller('v1/calendar/holidays')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Non-working days in force (UK bank holidays and extra days), versioned',
  })
  @ApiOkResponse({ type: HolidayListDto })
  list(): Promise<HolidayListDto> {
    return this.calendar.list();
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({
    summary: 'Add a non-working day; open due dates (list reports, FOI) are recomputed',
  })
  @ApiCreatedResponse({ type: HolidayDto })
  add(@Body() dto: AddHolidayDto, @CurrentUser() actor: Actor): Promise<HolidayDto> {
    return this.calendar.addHoliday(dto, actor);
  }
}
