// The strategy's rows: the document's free texts (one upserted row), objectives and personas (JSON arrays for their
// lists of ids). Deleting a persona takes it out of the objectives that named it.
import type { Kysely, Selectable } from 'kysely';
import {
  EMPTY_STRATEGY_DOCUMENT,
  type KpiId,
  type Objective,
  type ObjectiveInput,
  type ObjectiveKind,
  type Persona,
  type PersonaAudience,
  type PersonaInput,
  type StrategyRepository,
} from '@rostra/core';
import type { Database, StrategyObjectivesTable, StrategyPersonasTable } from '../../schema.js';
import { newId } from '../../ids.js';

function toObjective(row: Selectable<StrategyObjectivesTable>): Objective {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    statement: row.statement,
    kind: row.kind as ObjectiveKind,
    kpi: row.kpi as KpiId,
    topicId: row.topic_id,
    channelId: row.channel_id,
    baseline: row.baseline === null ? null : Number(row.baseline),
    target: Number(row.target),
    startDate: row.start_date,
    deadline: row.deadline,
    ownerId: row.owner_id,
    personaIds: JSON.parse(row.persona_ids) as string[],
    networks: JSON.parse(row.networks) as string[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function objectiveColumns(input: ObjectiveInput) {
  return {
    statement: input.statement,
    kind: input.kind,
    kpi: input.kpi,
    topic_id: input.topicId,
    channel_id: input.channelId,
    baseline: input.baseline,
    target: input.target,
    start_date: input.startDate,
    deadline: input.deadline,
    owner_id: input.ownerId,
    persona_ids: JSON.stringify(input.personaIds),
    networks: JSON.stringify(input.networks),
  };
}

function toPersona(row: Selectable<StrategyPersonasTable>): Persona {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    needs: row.needs,
    questions: row.questions,
    networks: JSON.parse(row.networks) as string[],
    tone: row.tone,
    audience: row.audience as PersonaAudience,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function personaColumns(input: PersonaInput) {
  return {
    name: input.name,
    description: input.description,
    needs: input.needs,
    questions: input.questions,
    networks: JSON.stringify(input.networks),
    tone: input.tone,
    audience: input.audience,
  };
}

export function createStrategyRepository(db: Kysely<Database>): StrategyRepository {
  return {
    async getDocument(workspaceId) {
      const row = await db
        .selectFrom('strategy_documents')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) return EMPTY_STRATEGY_DOCUMENT;
      return {
        context: row.context,
        diagnostic: row.diagnostic,
        targets: row.targets,
        updatedBy: row.updated_by,
        updatedAt: Number(row.updated_at),
      };
    },

    async saveDocument(workspaceId, input, updatedBy) {
      const values = { ...input, updated_by: updatedBy, updated_at: Date.now() };
      await db
        .insertInto('strategy_documents')
        .values({ workspace_id: workspaceId, ...values })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
        .execute();
      return { ...input, updatedBy, updatedAt: values.updated_at };
    },

    async listObjectives(workspaceId) {
      const rows = await db
        .selectFrom('strategy_objectives')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toObjective);
    },

    async getObjective(workspaceId, id) {
      const row = await db
        .selectFrom('strategy_objectives')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toObjective(row) : undefined;
    },

    async createObjective(workspaceId, input) {
      const at = Date.now();
      const row = {
        id: newId(),
        workspace_id: workspaceId,
        ...objectiveColumns(input),
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('strategy_objectives').values(row).execute();
      return toObjective(row);
    },

    async updateObjective(workspaceId, id, input) {
      const result = await db
        .updateTable('strategy_objectives')
        .set({ ...objectiveColumns(input), updated_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      return this.getObjective(workspaceId, id);
    },

    async deleteObjective(workspaceId, id) {
      const result = await db
        .deleteFrom('strategy_objectives')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listPersonas(workspaceId) {
      const rows = await db
        .selectFrom('strategy_personas')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPersona);
    },

    async getPersona(workspaceId, id) {
      const row = await db
        .selectFrom('strategy_personas')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toPersona(row) : undefined;
    },

    async createPersona(workspaceId, input) {
      const at = Date.now();
      const row = { id: newId(), workspace_id: workspaceId, ...personaColumns(input), created_at: at, updated_at: at };
      await db.insertInto('strategy_personas').values(row).execute();
      return toPersona(row);
    },

    async updatePersona(workspaceId, id, input) {
      const result = await db
        .updateTable('strategy_personas')
        .set({ ...personaColumns(input), updated_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      return this.getPersona(workspaceId, id);
    },

    async deletePersona(workspaceId, id) {
      const objectives = await this.listObjectives(workspaceId);
      for (const objective of objectives.filter((o) => o.personaIds.includes(id))) {
        await db
          .updateTable('strategy_objectives')
          .set({ persona_ids: JSON.stringify(objective.personaIds.filter((p) => p !== id)) })
          .where('id', '=', objective.id)
          .execute();
      }
      const result = await db
        .deleteFrom('strategy_personas')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
