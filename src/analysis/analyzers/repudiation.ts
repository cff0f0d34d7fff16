/** The repudiation analyzer: STRIDE per element decides what it walks (stride-per-element.ts). */
import { defineAnalyzer } from '../analyzer.js';

export const analyzer = defineAnalyzer('repudiation');
