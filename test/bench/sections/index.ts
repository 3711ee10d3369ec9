import type { Section } from '../types';
import { bundleSizeSection } from './bundle-size';
import { parseSection } from './parse';
import { scanSection } from './scan';
import { extensionSection } from './extension';
import { azureSection } from './azure';
import { cloudVaultsSection } from './cloud-vaults';
import { launchSection } from './launch';
import { monorepoSection } from './monorepo';
import { bigFileSection } from './big-file';
import { gateSection } from './gate';
import { redactionSection } from './redaction';
import { externalCorpusSection } from './external-corpus';

/** Run and printed in this order. Later sections (activation time, VSIX size, vault resolution) go here. */
export const SECTIONS: readonly Section[] = [scanSection, parseSection, bundleSizeSection, extensionSection, azureSection, cloudVaultsSection, launchSection, gateSection, monorepoSection, bigFileSection, redactionSection, externalCorpusSection];
