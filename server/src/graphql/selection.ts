import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

const cache = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

/**
 * Names of the fields a query selects below the resolving field along `path`
 * (e.g. `['nodes', 'requester']`), through fragments. Used to preload what a
 * list page will ask for. It over-approximates on purpose: `@skip`/`@include`
 * and type conditions are ignored, so at worst a preload fetches a field that
 * is not shown. Cached per parsed field node (mercurius caches parsed queries,
 * so a repeated query pays the walk once).
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[] = []): ReadonlySet<string> {
  const [fieldNode] = info.fieldNodes;
  const key = path.join('.');
  let byPath = cache.get(fieldNode);
  const cached = byPath?.get(key);
  if (cached) return cached;
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = fieldsNamed(sets, name, info.fragments).flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const names = new Set(fieldsNamed(sets, null, info.fragments).map((node) => node.name.value));
  if (!byPath) cache.set(fieldNode, (byPath = new Map()));
  byPath.set(key, names);
  return names;
}

/** The field nodes (named `name`, or all when null) of some selection sets, fragments spread in. */
function fieldsNamed(sets: SelectionSetNode[], name: string | null, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (name === null || selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value].selectionSet, seen);
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return found;
}
