import { MigrationInterface, QueryRunner } from 'typeorm';
import { readReferenceCsv } from './data/reference-data';

interface ProvinceRow {
  code: string;
  name: string;
}
interface CommuneRow {
  code: string;
  name: string;
  kind: string;
  province_code: string;
}

/** The 34 provinces and 3,321 communes in force since 1 July 2025 (statistics office codes). */
export class LoadReferencePlaces1795934597592 implements MigrationInterface {
  name = 'LoadReferencePlaces1795934597592';

  async up(q: QueryRunner): Promise<void> {
    const provinces = readReferenceCsv<ProvinceRow>('vn-provinces-2025.csv');
    const communes = readReferenceCsv<CommuneRow>('vn-communes-2025.csv');
    await q.query(`INSERT INTO province (code, name) SELECT * FROM unnest($1::text[], $2::text[])`, [
      provinces.map((p) => p.code),
      provinces.map((p) => p.name),
    ]);
    await q.query(`INSERT INTO commune (code, name, kind, province_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [
      communes.map((c) => c.code),
      communes.map((c) => c.name),
      communes.map((c) => c.kind),
      communes.map((c) => c.province_code),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM commune`);
    await q.query(`DELETE FROM province`);
  }
}
