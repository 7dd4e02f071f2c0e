import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from './selection.ts';

/** The resolve info of the operation's first root field, as GraphQL execution would pass it. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFields', () => {
  it('lists the fields along a path, through named and inline fragments (cycles ignored)', () => {
    const info = infoOf(`query { tickets { nodes { id ...Row ... on Ticket { team { name } } requester { ...Who } } } }
      fragment Row on Ticket { subject ...Row assignee { name } }
      fragment Who on Customer { name organization { name } }`);
    expect([...selectedFields(info, ['nodes'])].sort()).toEqual(['assignee', 'id', 'requester', 'subject', 'team']);
    expect([...selectedFields(info, ['nodes', 'requester'])].sort()).toEqual(['name', 'organization']);
    expect([...selectedFields(info)]).toEqual(['nodes']);
    expect(selectedFields(info, ['nodes', 'missing']).size).toBe(0);
  });

  it('over-approximates @skip: a skipped field is still listed (a preload too many, never one too few)', () => {
    const info = infoOf(`query($s: Boolean!) { tickets { nodes { id tags @skip(if: $s) { name } } } }`);
    expect(selectedFields(info, ['nodes']).has('tags')).toBe(true);
  });
});
