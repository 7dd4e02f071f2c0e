import type { GlobalThemeOverrides } from 'naive-ui';

/**
 * Kefu's brand colour; everything else stays Naive UI's default light theme,
 * except the text of coloured tags (statuses, VIP): Naive's defaults on their
 * pale backgrounds fall below the WCAG AA contrast ratio (axe-core
 * color-contrast), so they are darker shades of the same hues.
 */
export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#0f7b6c',
    primaryColorHover: '#13937f',
    primaryColorPressed: '#0b5f53',
    primaryColorSuppl: '#13937f',
  },
  Tag: {
    textColorSuccess: '#0b6b3a',
    textColorWarning: '#7a4b00',
    textColorError: '#b42318',
    textColorInfo: '#1f5fa8',
  },
};
