import type { Role, Team, TeamRequestSchema } from '@charla/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { teamMembers, teams, workspaceMembers } from './auth.schema';

export function assertAdmin(role: Role, what: string): void {
  if (role !== 'owner' && role !== 'admin') {
    throw new AppError('forbidden', 'forbidden', `Only the owner or an admin can ${what}.`);
  }
}

type Actor = { workspaceId: string; role: Role };

export async function listTeams(deps: AuthDeps, workspaceId: string): Promise<Team[]> {
  const rows = await deps.orm
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const members = await deps.orm
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.workspaceId, workspaceId));
  return rows.map((t) => ({
    ...t,
    memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId),
  }));
}

async function findTeam(deps: AuthDeps, workspaceId: string, id: string): Promise<Team> {
  const team = (await listTeams(deps, workspaceId)).find((t) => t.id === id);
  if (!team) throw notFound('team');
  return team;
}

/** Members must belong to the workspace: anything else is named in the error. */
async function checkMembers(deps: AuthDeps, workspaceId: string, userIds: string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const found = await deps.orm
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.userId, unique)));
  if (found.length !== unique.length) {
    throw new AppError('unprocessable', 'not_a_member', 'Every team member must belong to this workspace.', [
      { path: 'memberIds', message: 'Contains someone who is not a member' },
    ]);
  }
  return unique;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

const nameTaken = () =>
  new AppError('conflict', 'team_name_taken', 'A team with this name already exists.', [
    { path: 'name', message: 'Already used' },
  ]);

export async function createTeam(
  deps: AuthDeps,
  actor: Actor,
  input: z.output<typeof TeamRequestSchema>,
): Promise<Team> {
  assertAdmin(actor.role, 'manage teams');
  const memberIds = await checkMembers(deps, actor.workspaceId, input.memberIds);
  try {
    const id = await deps.orm.transaction(async (tx) => {
      const [team] = await tx
        .insert(teams)
        .values({ workspaceId: actor.workspaceId, name: input.name })
        .returning({ id: teams.id });
      if (memberIds.length > 0) {
        await tx
          .insert(teamMembers)
          .values(memberIds.map((userId) => ({ teamId: team!.id, userId, workspaceId: actor.workspaceId })));
      }
      return team!.id;
    });
    return findTeam(deps, actor.workspaceId, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function updateTeam(
  deps: AuthDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof TeamRequestSchema>,
): Promise<Team> {
  assertAdmin(actor.role, 'manage teams');
  await findTeam(deps, actor.workspaceId, id);
  const memberIds = await checkMembers(deps, actor.workspaceId, input.memberIds);
  try {
    await deps.orm.transaction(async (tx) => {
      await tx
        .update(teams)
        .set({ name: input.name })
        .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, id)));
      await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
      if (memberIds.length > 0) {
        await tx
          .insert(teamMembers)
          .values(memberIds.map((userId) => ({ teamId: id, userId, workspaceId: actor.workspaceId })));
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return findTeam(deps, actor.workspaceId, id);
}

/** Its conversations stay, unassigned from the team. */
export async function deleteTeam(deps: AuthDeps, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor.role, 'manage teams');
  const deleted = await deps.orm
    .delete(teams)
    .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, id)))
    .returning({ id: teams.id });
  if (deleted.length === 0) throw notFound('team');
}
