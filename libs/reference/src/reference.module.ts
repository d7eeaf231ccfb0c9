import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodesService } from './codes/codes.service';
import { CommuneEntity, ProvinceEntity } from './places/place.entity';
import { PlacesService } from './places/places.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProvinceEntity, CommuneEntity])],
  providers: [PlacesService, CodesService],
  exports: [PlacesService, CodesService],
})
export class ReferenceModule {}
