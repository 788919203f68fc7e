import { ACTOR_ROLES, type Actor, type ActorRole } from '@renling/core';
import type { ComplexAttributeConverter } from 'lit';

/**
 * `viewer="staff:sh-changning-01"` or `viewer="organization:org-0001"`: who uses
 * the page, written the way a webmaster can type it in HTML. Anything else is
 * ignored with a console warning rather than guessed at.
 */
export const actorAttribute: ComplexAttributeConverter<Actor | null> = {
  fromAttribute(value: string | null): Actor | null {
    if (value === null || value.trim() === '') return null;
    const [role = '', id = '', ...rest] = value.trim().split(':');
    if (!(ACTOR_ROLES as readonly string[]).includes(role) || !/^[\w.-]{1,64}$/u.test(id)) {
      console.warn(`Renling: viewer="${value}" is not "role:id" with role one of ${ACTOR_ROLES.join(', ')}; ignored.`);
      return null;
    }
    const name = rest.join(':').trim();
    return name ? { role: role as ActorRole, id, name } : { role: role as ActorRole, id };
  },
  toAttribute(actor: Actor | null): string | null {
    return actor ? [actor.role, actor.id, ...(actor.name ? [actor.name] : [])].join(':') : null;
  },
};

/** An adapter that can act as a given person over the same data (the local and memory adapters). */
export interface ActorAwareAdapter {
  withActor(actor: Actor): unknown;
}

export const canActAs = (adapter: unknown): adapter is ActorAwareAdapter =>
  typeof adapter === 'object' && adapter !== null && typeof (adapter as Partial<ActorAwareAdapter>).withActor === 'function';
