/**
 * STRIDE per element (Hernan, Lambert, Ostwald, Shostack, 2006), extended per
 * interaction for flows that cross a trust boundary, and with the account as a
 * whole. Each analyzer walks exactly what its category applies to.
 */
import type { ElementType } from '../model/catalog/kinds.js';
import type { Category } from './threat.js';

export interface CategoryScope {
  readonly elementTypes: readonly ElementType[];
  readonly flows: boolean;
  readonly account: boolean;
  readonly boundaries: boolean;
}

export const STRIDE_PER_ELEMENT: Record<Category, CategoryScope> = {
  spoofing: { elementTypes: ['external-entity', 'process'], flows: true, account: true, boundaries: false },
  tampering: { elementTypes: ['process', 'data-store'], flows: true, account: true, boundaries: true },
  repudiation: { elementTypes: ['external-entity', 'process', 'data-store'], flows: false, account: true, boundaries: false },
  'information-disclosure': { elementTypes: ['process', 'data-store'], flows: true, account: true, boundaries: true },
  'denial-of-service': { elementTypes: ['process', 'data-store'], flows: true, account: true, boundaries: true },
  'elevation-of-privilege': { elementTypes: ['process'], flows: false, account: true, boundaries: true },
};
