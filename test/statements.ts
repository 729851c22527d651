import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** One statement a command sent: what kind, and the table it is about. */
export interface Statement {
  kind: 'select' | 'insert' | 'update' | 'delete' | 'other';
  table: string;
}

function tableOf(node: OperationNode | undefined): string {
  if (!node) return '?';
  const record = node as unknown as Record<string, unknown>;
  if (node.kind === 'AliasNode') return tableOf(record.node as OperationNode);
  if (node.kind === 'TableNode') {
    const table = record.table as { identifier: { name: string } };
    return table.identifier.name;
  }
  return '?';
}

function describe(node: RootOperationNode): Statement {
  const record = node as unknown as Record<string, unknown>;
  switch (node.kind) {
    case 'SelectQueryNode': {
      const from = record.from as { froms: OperationNode[] } | undefined;
      return { kind: 'select', table: tableOf(from?.froms[0]) };
    }
    case 'InsertQueryNode':
      return { kind: 'insert', table: tableOf(record.into as OperationNode) };
    case 'UpdateQueryNode':
      return { kind: 'update', table: tableOf(record.table as OperationNode) };
    case 'DeleteQueryNode': {
      const from = record.from as { froms: OperationNode[] } | undefined;
      return { kind: 'delete', table: tableOf(from?.froms[0]) };
    }
    default:
      return { kind: 'other', table: node.kind };
  }
}

/**
 * A Kysely plugin that notes every statement sent through it (`db.withPlugin(counter)`), so a
 * test can hold a command to the statements it needs. Transaction control is not counted.
 */
export function statementCounter(): KyselyPlugin & { statements: Statement[]; reset(): void } {
  const statements: Statement[] = [];
  return {
    statements,
    reset: () => {
      statements.length = 0;
    },
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      statements.push(describe(args.node));
      return args.node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(args.result);
    },
  };
}
