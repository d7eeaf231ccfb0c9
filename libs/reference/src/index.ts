export * from './places/place.entity';
export * from './places/places.dto';
export * from './places/places.service';
export * from './reference.module';
export * from './codes/codes.dto';
export * from './codes/codes.service';
