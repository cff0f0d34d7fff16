import type { Analyzer } from '../analyzer.js';
import { analyzer as spoofing } from './spoofing.js';
import { analyzer as tampering } from './tampering.js';
import { analyzer as repudiation } from './repudiation.js';
import { analyzer as informationDisclosure } from './information-disclosure.js';
import { analyzer as denialOfService } from './denial-of-service.js';
import { analyzer as elevationOfPrivilege } from './elevation-of-privilege.js';

/** One analyzer per STRIDE category, in STRIDE order. */
export const ANALYZERS: readonly Analyzer[] = [spoofing, tampering, repudiation, informationDisclosure, denialOfService, elevationOfPrivilege];
