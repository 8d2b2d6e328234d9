import type { z } from 'zod';
import { defaultSettings, isServiceType } from '../../shared/catalogue/index.ts';
import { retiredSettingMessage } from '../../shared/catalogue/retired.ts';
import { formatPath, type Problem } from './errors.ts';
import {
  CHANNEL_KEYS,
  FILE_KEYS,
  ORGANIZATION_KEYS,
  ORGANIZATION_SERVICE_KEYS,
  SERVICE_KEYS,
  serviceTypeList,
} from './keys.ts';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** What is wrong with an unknown key, saying which keys its place takes. */
function unknownKeyMessage(raw: unknown, path: readonly PropertyKey[], key: string): string {
  const [list, , level] = path;
  const last = path[path.length - 1];
  if (path.length === 0) return `Unknown key; the file takes: ${FILE_KEYS.join(', ')}.`;
  if (path.length === 2 && list === 'channels')
    return `Unknown key; a channel takes: ${CHANNEL_KEYS.join(', ')}.`;
  if (path.length === 2 && list === 'organizations')
    return `Unknown key; an organization takes: ${ORGANIZATION_KEYS.join(', ')}.`;
  if (path.length === 3 && level === 'activations')
    return `${key} is not a service type; activations take service types: ${serviceTypeList}.`;
  if (last === 'settings') {
    const type = valueAt(raw, [...path.slice(0, -1), 'type']);
    if (isServiceType(type)) {
      const retired = retiredSettingMessage(type, key, valueAt(raw, [...path, key]));
      if (retired) return retired;
      const keys = Object.keys(defaultSettings(type));
      return `${key} is not a setting of ${type}; its settings are: ${keys.join(', ') || 'none'}.`;
    }
  }
  if (path.length === 4 && level === 'services') {
    return list === 'organizations'
      ? `Unknown key; an organization's service takes: ${ORGANIZATION_SERVICE_KEYS.join(', ')}.`
      : `Unknown key; a service takes: ${SERVICE_KEYS.join(', ')}.`;
  }
  return 'Unknown key.';
}

/** Zod's issues as problems, one per offending key, each with its full path. */
export function problemsOf(error: z.ZodError, raw: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          message: unknownKeyMessage(raw, issue.path, key),
        });
      }
    } else if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      issue.input === undefined
    ) {
      problems.push({
        path: formatPath(issue.path),
        message: issue.message.startsWith('Invalid input')
          ? 'Missing: this key is required.'
          : `Missing: ${issue.message}`,
      });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}
