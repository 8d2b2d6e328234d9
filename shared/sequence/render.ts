/**
 * What the operator applies in ICM, exactly as Intershop's IOM Connector release notes have it ("Define a unique
 * order sequence"): the property `intershop.sequence.startsWith` in
 * <server-installation-dir>/share/system/config/cluster/database.properties, set by a deployment filter in the
 * assembly's settings.gradle. The notes leave `#intershop.sequence.blockSize` commented out, so the block size
 * becomes an active line only when the admin asks to change it.
 *
 * No output names DBInit or the demo_iomconnector cartridge: DBInit recreates tables by default, so on a live
 * ICM following such a line would wipe data. test/unit/sequence-outputs.test.ts keeps every output free of both.
 */

export const DATABASE_PROPERTIES_PATH = 'share/system/config/cluster/database.properties';

export interface SequenceOutputs {
  propertyLine: string;
  /** The uncommented lines of database.properties: startsWith, and blockSize only when it is to change. */
  activeLines: string[];
  databaseProperties: string;
  /** The release notes' deployment step for the assembly's settings.gradle, with the numbers filled in. */
  deployment: string;
  /** The guide's step 9 misspells the property; every place that shows the outputs says so. */
  spellingWarning: string;
}

export const propertyLine = (start: string) => `intershop.sequence.startsWith=${start}`;
export const blockSizeLine = (blockSize: string) => `intershop.sequence.blockSize=${blockSize}`;

export const SPELLING_WARNING =
  'The configuration guide’s step 9 names the line “intershop.sequence.startWith=”, but ICM reads intershop.sequence.startsWith (with an s), as the release notes’ deployment step and ant export-sequence-info spell it. Use the line exactly as shown here, not the guide’s spelling.';

/** ICM's own comment block above the sequence properties, as the configuration guide quotes it. */
const SERIES_COMMENTS = [
  '## Series (Sequence) Creation Options',
  '## series numberPattern settings',
  '## blockSize  - "increment by <n>"',
  '## startsWith - "start with <n>"',
  '## cacheSize  - "cache <n>" or "nocache" if <n> = 0',
  '## orderFlag  - "order" if true or "noorder" if false',
];

/** startsWith first, always: a script that reads the first line of the command's output gets it. */
function activeLines(start: string, newBlockSize: string | null): string[] {
  return [propertyLine(start), ...(newBlockSize === null ? [] : [blockSizeLine(newBlockSize)])];
}

/** The deployment step of the release notes; only the numbers are substituted (and the braces closed). */
export function deploymentSnippet(start: string, newBlockSize: string | null): string {
  return [
    'deployment {',
    '    filters {',
    "        overrideProperties('uniqueOrderSequence') {",
    '            dir = target.shareDirectory',
    "            include 'system/config/cluster/database.properties'",
    `            properties['intershop.sequence.startsWith'] = ${start}`,
    ...(newBlockSize === null
      ? []
      : [`            properties['intershop.sequence.blockSize'] = ${newBlockSize}`]),
    '        }',
    '    }',
    '}',
  ].join('\n');
}

/**
 * Renders every output for a start. `newBlockSize` is null unless the admin asked to change ICM's block size;
 * then, and only then, the block size is set too.
 */
export function renderOutputs(start: string, newBlockSize: string | null = null): SequenceOutputs {
  const active = activeLines(start, newBlockSize);
  return {
    propertyLine: propertyLine(start),
    activeLines: active,
    databaseProperties: [...SERIES_COMMENTS, ...active].join('\n'),
    deployment: deploymentSnippet(start, newBlockSize),
    spellingWarning: SPELLING_WARNING,
  };
}
