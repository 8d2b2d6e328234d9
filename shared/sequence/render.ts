/**
 * What the operator applies in ICM, after the IOM Connector's "Synchronize Order Numbers" steps: the property
 * in `<server-installation-dir>/share/system/config/cluster/database.properties`, set through a deployment
 * filter of the assembly, with ICM's servers stopped, followed by the database initialization.
 */

export const DATABASE_PROPERTIES_PATH = 'share/system/config/cluster/database.properties';

export interface SequenceOutputs {
  propertyLine: string;
  databaseProperties: string;
  deployment: string;
}

export const propertyLine = (start: string) => `intershop.sequence.startsWith=${start}`;

/** The lines of database.properties: ICM's own comment block, startsWith set, the block size kept. */
export function databasePropertiesLines(start: string, blockSize: string): string {
  return [
    '## Series (Sequence) Creation Options',
    '## series numberPattern settings',
    '## blockSize  - "increment by <n>"',
    '## startsWith - "start with <n>"',
    '## cacheSize  - "cache <n>" or "nocache" if <n> = 0',
    '## orderFlag  - "order" if true or "noorder" if false',
    `## The start was negotiated with blockSize ${blockSize}: keep the block size as it is.`,
    `intershop.sequence.blockSize=${blockSize}`,
    propertyLine(start),
  ].join('\n');
}

/** The deployment step (settings.gradle of the assembly) and what to do around it. */
export function deploymentSnippet(start: string, blockSize: string): string {
  return [
    '# 1. Stop every ICM application server.',
    '# 2. In settings.gradle of your assembly, let the deployment set the negotiated start:',
    'deployment {',
    '    filters {',
    "        overrideProperties('uniqueOrderSequence') {",
    '            dir = target.shareDirectory',
    "            include 'system/config/cluster/database.properties'",
    `            properties['intershop.sequence.startsWith'] = '${start}'`,
    `            properties['intershop.sequence.blockSize'] = '${blockSize}'`,
    '        }',
    '    }',
    '}',
    '# 3. Deploy the assembly, then run the database initialization of the IOM Connector cartridges:',
    'gradlew dbinit',
    '#    or, for the selected cartridges only:',
    'dbinit -t=ac_iomconnector_common,ac_iomconnector_order,init_iomconnector,demo_iomconnector',
    '# 4. Check: in <server-installation-dir>/local/tools/misc run',
    'ant export-sequence-info -f database.xml',
    '#    (Oracle: -f oracle/database.xml); no order sequence (SellerOrder.DocumentNo.*) may report a',
    `#    LAST_NUMBER below ${start}. Then start the servers again.`,
  ].join('\n');
}

export function renderOutputs(start: string, blockSize: string): SequenceOutputs {
  return {
    propertyLine: propertyLine(start),
    databaseProperties: databasePropertiesLines(start, blockSize),
    deployment: deploymentSnippet(start, blockSize),
  };
}
