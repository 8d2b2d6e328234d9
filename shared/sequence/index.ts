/** Order-number sequence negotiation between ICM, IOM and other parties: pure rules, shared by every layer. */
export { BIGINT_CEILING, groupDigits, parseDigits, type FieldError, type ParsedNumber } from './numbers.ts';
export { applyPrefix, parsePrefix, PREFIX_MIN_COUNTER_DIGITS, type PrefixedStart } from './prefix.ts';
export {
  baseStart,
  computeSequence,
  DEFAULT_BLOCK_SIZE,
  PARTY_KINDS,
  type PartyInput,
  type PartyKind,
  type SequenceComputation,
  type SequenceInput,
  type SequenceResult,
} from './compute.ts';
export { firstBlockEnd, firstBlockFits } from './ceiling.ts';
export {
  blockSizeLine,
  DATABASE_PROPERTIES_PATH,
  propertyLine,
  renderOutputs,
  SPELLING_WARNING,
  type SequenceOutputs,
} from './render.ts';
export { parseSequencesInfo, type SequencesInfo, type SequencesInfoResult } from './sequencesInfo.ts';
