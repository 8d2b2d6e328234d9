import { ROLES } from '../../../shared/roles.ts';

export const roleChoices = ROLES.map((id) => ({ id, name: `app.roles.${id}` }));
