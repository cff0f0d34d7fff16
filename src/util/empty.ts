/** The one empty, frozen list that nodes, decisions and threats share instead of allocating their own. */
export const EMPTY: readonly never[] = Object.freeze([]);
