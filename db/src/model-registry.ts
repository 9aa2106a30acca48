import type { Model, ModelClass } from 'objection';

/**
 * Objection models refer to each other in their relations (a run has findings, a finding has a run). Importing
 * each other's classes would make the table modules an import circle; instead each module registers its model
 * here, and relation mappings (functions, evaluated on first use, after @argus/db has loaded every module) look
 * the other side up by name. Type-only imports carry the relation types.
 */
const models = new Map<string, ModelClass<Model>>();

export function registerModel<M extends ModelClass<any>>(name: string, model: M): M {
  models.set(name, model);
  return model;
}

export function modelNamed(name: string): ModelClass<Model> {
  const found = models.get(name);
  if (!found) throw new Error(`The ${name} model is not registered: import it through @argus/db.`);
  return found;
}
