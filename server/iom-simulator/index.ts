/** The IOM simulator: a stand-in for Intershop Order Management that tests, benchmarks and the demo run against. */
export { startIomSimulator, type IomSimulator, type SimulatorEndpoints } from './server.ts';
export { registerIomSimulator, resolveCliOptions, runIomSimulator, type SimulatorCliFlags } from './cli.ts';
export {
  DEFAULT_SHOPS,
  DEFAULT_USERS,
  SimulatorConfigError,
  type SimulatorConfig,
  type SimulatorOptions,
} from './config.ts';
export { CONTRACT_DIALECT, type Dialect, type DialectInput, type OrderApi } from './dialect.ts';
export {
  CREATE_ANSWERS,
  NO_FAULTS,
  ORDER_STATES_ANSWERS,
  type CreateAnswer,
  type Faults,
  type FaultsInput,
  type OrderStatesAnswer,
} from './faults.ts';
export { ORDER_MEDIA_TYPE } from './http.ts';
export { DUPLICATE_ORDER_CODE } from './orders.ts';
export { VALIDATION_CODE } from './orderValidation.ts';
export { sampleOrder } from './sampleOrder.ts';
export {
  ORDER_STATES,
  type OrderCounts,
  type OrderState,
  type SimulatorCounts,
  type StoredOrder,
} from './store.ts';
