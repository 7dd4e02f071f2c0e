import { useI18n } from 'vue-i18n';
import type { CustomerTier, CustomerType } from '../../graphql/generated.ts';

export const CUSTOMER_TIERS: CustomerTier[] = ['standard', 'vip'];
export const CUSTOMER_TYPES: CustomerType[] = ['individual', 'enterprise'];

/** Tier and type names in the reader's language (the same words as the ticket page's customer panel). */
export function useCustomerLabels() {
  const { t } = useI18n();
  return {
    tier: (tier: CustomerTier) => t(`agent.customer.tiers.${tier}`),
    type: (type: CustomerType) => t(`agent.customer.types.${type}`),
  };
}
