const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value can be an id: comparing anything else with a uuid column is a database error, not a 404. */
export const isUuid = (value: string): boolean => UUID.test(value);
