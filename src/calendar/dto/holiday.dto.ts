import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIsoDate, IsPlainText } from '../../common/validators';

export class AddHolidayDto {
  @ApiProperty({ example: '2027-06-07', description: 'A weekday that is not already a holiday' })
  @IsIsoDate()
  date: string;

  @ApiProperty({ example: 'Proclaimed bank holiday' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  title: string;
}

export class HolidayDto {
  @ApiProperty() date: string;
  @ApiProperty() title: string;
  @ApiProperty({
    enum: ['UK_BANK_HOLIDAY', 'EXTRA'],
    description: 'From the versioned UK table, or added in this register',
  })
  source: 'UK_BANK_HOLIDAY' | 'EXTRA';
  @ApiProperty({
    type: [String],
    description:
      'UK regions observing it (england-and-wales, scotland, northern-ireland); [] for extra days',
  })
  regions: string[];
}

export class HolidayListDto {
  @ApiProperty({
    example: '2026.1+2',
    description: 'UK table version, then the number of extra holidays added here',
  })
  version: string;
  @ApiProperty({ type: [HolidayDto] }) holidays: HolidayDto[];
}
