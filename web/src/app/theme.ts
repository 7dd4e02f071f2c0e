import type { GlobalThemeOverrides } from 'naive-ui';

/** Kefu's brand colour; everything else stays Naive UI's default light theme. */
export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#0f7b6c',
    primaryColorHover: '#13937f',
    primaryColorPressed: '#0b5f53',
    primaryColorSuppl: '#13937f',
  },
};
