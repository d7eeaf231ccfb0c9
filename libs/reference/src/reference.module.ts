import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommuneEntity, ProvinceEntity } from './places/place.entity';
import { PlacesService } from './places/places.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProvinceEntity, CommuneEntity])],
  providers: [PlacesService],
  exports: [PlacesService],
})
export class ReferenceModule {}
