import type { Project } from '@renling/core';

export interface ProjectCreatedDetail {
  /** The project as the adapter stored it, with its id and the figures worked out from its claims. */
  project: Project;
}

/** Accepted claims were grouped into a community service project (公益项目). */
export class RlProjectCreatedEvent extends CustomEvent<ProjectCreatedDetail> {
  static readonly eventName = 'rl-project-created';
  constructor(detail: ProjectCreatedDetail) {
    super(RlProjectCreatedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-project-created': RlProjectCreatedEvent;
  }
}
