import {
  buildClientSchema,
  getIntrospectionQuery,
  introspectionFromSchema,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
  type IntrospectionOptions,
  type IntrospectionQuery,
} from 'graphql';

// Everything introspection can tell, so that nothing (like a scalar's @specifiedBy) is lost on
// one path and kept on the other.
const OPTIONS: IntrospectionOptions = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
};

/** The introspection query to send to a running server, for sdlFromIntrospection. */
export const INTROSPECTION_QUERY = getIntrospectionQuery(OPTIONS);

/**
 * The schema as SDL in a stable form: sorted, and always taken through introspection, so that
 * the committed file and a running server's answer print the same when the schemas agree.
 */
export const sdlFromIntrospection = (introspection: IntrospectionQuery): string =>
  `${printSchema(lexicographicSortSchema(buildClientSchema(introspection)))}\n`;

/** The same stable SDL for a schema object built in-process. */
export const sdlFromSchema = (schema: GraphQLSchema): string => sdlFromIntrospection(introspectionFromSchema(schema, OPTIONS));
