/** One entry of a workspace's side navigation. */
export interface NavItem {
  /** Route name; also the menu key, so the current route highlights its item. */
  name: string;
  label: string;
}
