import type { Component } from 'svelte';
import type { BackofficeSession, StaffRole } from '../../src/contract/index.js';

type Loaded<Props extends Record<string, unknown> = Record<string, never>> = {
  default: Component<Props>;
};

/**
 * The back office's screens, each its own chunk (loaded when first opened), with the role that
 * uses it: a screen a member's roles do not include is not shown (and its API answers 403).
 */
export const screens = [
  {
    path: 'bandeja',
    title: 'Bandeja',
    role: 'revisor',
    load: (): Promise<Loaded> => import('../screens/Bandeja.svelte'),
  },
  {
    path: 'kioscos',
    title: 'Kioscos',
    role: 'sistemas',
    load: (): Promise<Loaded> => import('../screens/Kioscos.svelte'),
  },
] as const;

export const requestScreen = {
  title: 'Trámite',
  role: 'revisor',
  load: (): Promise<Loaded<{ id: string }>> => import('../screens/Tramite.svelte'),
} as const;

/** Whether the member's roles include the one a screen is for. */
export function mayUse(member: BackofficeSession['staff'], role: StaffRole): boolean {
  return member.roles.includes(role);
}
