export declare const ITEMS: number;
export declare function rawIssue(i: number): { id: string; key: string; self: string; fields: Record<string, unknown>; [more: string]: unknown };
export declare function rawSearchPage(n?: number): { issues: ReturnType<typeof rawIssue>[]; isLast: boolean };
declare const fixture: {
  action: string;
  args: { jql: string; limit: number };
  items: number;
  env: (baseUrl: string) => Record<string, string>;
  rawBody: ReturnType<typeof rawSearchPage>;
};
export default fixture;
