import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceType } from '@haven/domain';
import { CreateOrganisationDto, OrganisationsService, UpdateOrganisationDto } from '@haven/referrals';
import { body } from './demo-case.seeder';
import { DEMO_ORGANISATIONS, DEMO_PROVINCE, DemoOrganisationSpec } from './demo-data';

export type DemoOrganisationOutcome = 'created' | 'unchanged' | 'updated';

export interface DemoOrganisationRow {
  key: string;
  id: string;
  name: string;
  serviceTypes: ServiceType[];
  /** Its demo partner user's username. */
  partner: string;
  outcome: DemoOrganisationOutcome;
}

interface ExistingOrganisation {
  id: string;
  service_types: ServiceType[];
  commune_codes: string[];
  contact_email: string | null;
  contact_phone: string | null;
  active: boolean;
}

/**
 * The demo partner organisations (demo-data.ts), written through OrganisationsService as an admin
 * would, so the place checks and codes are the API's.
 *
 * Idempotency: an organisation is recognised by its name (each demo name is unique and marked
 * "(demo)"), as the first demo organisation always was. A found one is left as it is, except that
 * what the demo needs is given back: it is active and offers its demo services (the demo referrals
 * need both), it serves its demo wards (unless it serves the whole province), and empty contacts
 * are filled in (the first demo organisation was made without any).
 */
@Injectable()
export class DemoOrganisationSeeder {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async seed(): Promise<DemoOrganisationRow[]> {
    const rows: DemoOrganisationRow[] = [];
    for (const spec of DEMO_ORGANISATIONS) rows.push(await this.seedOne(spec));
    const created = rows.filter((r) => r.outcome === 'created').length;
    if (created) this.logger.log(`created ${created} demo partner organisations`);
    return rows;
  }

  private async seedOne(spec: DemoOrganisationSpec): Promise<DemoOrganisationRow> {
    const row = { key: spec.key, name: spec.name, serviceTypes: [...spec.serviceTypes], partner: spec.partner.username };
    const found = (await this.dataSource.query(
      `SELECT id, service_types, commune_codes, contact_email, contact_phone, active FROM organisation WHERE name = $1 ORDER BY created_at LIMIT 1`,
      [spec.name],
    )) as ExistingOrganisation[];
    const existing = found[0];
    if (!existing) {
      const dto = await body(CreateOrganisationDto, {
        name: spec.name,
        type: spec.type,
        serviceTypes: spec.serviceTypes,
        provinceCode: DEMO_PROVINCE,
        communeCodes: spec.communeCodes,
        contactEmail: spec.contactEmail,
        contactPhone: spec.contactPhone,
      });
      const created = await this.organisations.create(null, dto);
      return { ...row, id: created.id, outcome: 'created' };
    }

    const missingServices = spec.serviceTypes.filter((s) => !existing.service_types.includes(s));
    // Empty: the whole province, which covers every demo ward already.
    const missingCommunes = existing.commune_codes.length ? spec.communeCodes.filter((c) => !existing.commune_codes.includes(c)) : [];
    const changes = {
      ...(!existing.active && { active: true }),
      ...(missingServices.length > 0 && { serviceTypes: [...existing.service_types, ...missingServices] }),
      ...(missingCommunes.length > 0 && { communeCodes: [...existing.commune_codes, ...missingCommunes] }),
      ...(existing.contact_email === null && { contactEmail: spec.contactEmail }),
      ...(existing.contact_phone === null && { contactPhone: spec.contactPhone }),
    };
    if (Object.keys(changes).length === 0) return { ...row, id: existing.id, outcome: 'unchanged' };
    await this.organisations.update(null, existing.id, await body(UpdateOrganisationDto, changes));
    return { ...row, id: existing.id, outcome: 'updated' };
  }
}

/** The demo organisations as a plain-text table: service types, name, partner user and what the seed did. */
export function formatDemoOrganisations(rows: DemoOrganisationRow[]): string {
  const header = ['services', 'organisation', 'partner user', 'seed'];
  const cells = rows.map((r) => [r.serviceTypes.join(', '), r.name, r.partner, r.outcome]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
