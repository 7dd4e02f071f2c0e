export type PluginState = 'active' | 'failed' | 'incompatible';

export interface PluginStatus {
  id: string;
  version: string | null;
  state: PluginState;
  description: string | null;
  error: string | null;
}
