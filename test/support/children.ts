import type { Actor, UserResponseDto } from '@haven/auth';
import { ChildEntity, ChildrenService, NewChildDto } from '@haven/cases';
import type { TestApi } from './app';
import { PHU_XUAN } from './factories';

/** The Actor a signed-in user acts as (what the JWT strategy builds from the same row). */
export function actorOf(user: UserResponseDto): Actor {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    provinceCode: user.provinceCode,
    communeCodes: user.communeCodes,
    organisationId: user.organisationId,
  };
}

/**
 * Registers a child the way intake does (there is no POST /children): through
 * ChildrenService.createForIntake in a transaction of its own.
 */
export async function newChild(api: TestApi, actor: Actor, overrides: Partial<NewChildDto> = {}): Promise<ChildEntity> {
  const birth = 'estimatedAge' in overrides ? {} : { dateOfBirth: '2016-05-14' };
  const input = { fullName: 'Nguyễn Văn Bình', sex: 'male', communeCode: PHU_XUAN, ...birth, ...overrides } as NewChildDto;
  return api.db.transaction((m) => api.app.get(ChildrenService).createForIntake(m, actor, input));
}
