// The strategy's storage port: one document per workspace, its objectives and personas (ids stable: the animation
// plan's rubrics name objectives).
import type {
  Objective,
  ObjectiveInput,
  Persona,
  PersonaInput,
  StrategyDocument,
  StrategyDocumentInput,
} from './types.js';

export interface StrategyRepository {
  /** The workspace's document; the empty one (updatedAt 0) until something was written. */
  getDocument(workspaceId: string): Promise<StrategyDocument>;
  saveDocument(workspaceId: string, input: StrategyDocumentInput, updatedBy: string | null): Promise<StrategyDocument>;
  /** In the order they were created. */
  listObjectives(workspaceId: string): Promise<Objective[]>;
  getObjective(workspaceId: string, id: string): Promise<Objective | undefined>;
  createObjective(workspaceId: string, input: ObjectiveInput): Promise<Objective>;
  updateObjective(workspaceId: string, id: string, input: ObjectiveInput): Promise<Objective | undefined>;
  deleteObjective(workspaceId: string, id: string): Promise<boolean>;
  listPersonas(workspaceId: string): Promise<Persona[]>;
  getPersona(workspaceId: string, id: string): Promise<Persona | undefined>;
  createPersona(workspaceId: string, input: PersonaInput): Promise<Persona>;
  updatePersona(workspaceId: string, id: string, input: PersonaInput): Promise<Persona | undefined>;
  /** Objectives naming it forget it. */
  deletePersona(workspaceId: string, id: string): Promise<boolean>;
}
