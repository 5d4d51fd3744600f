/**
 * The public month fields in their published order (the README's CLI contract, `project`'s CSV
 * header): written out here, once, so that a test comparing against them fails when the code's
 * list changes.
 */
export const PUBLIC_MONTH_FIELDS = [
  'month',
  'endHeight',
  'difficulty',
  'hashrateEhs',
  'blocks',
  'btcIssued',
  'feesBtc',
  'btcPriceUsd',
  'hashpriceUsdPerPhDay',
  'securityBudgetUsdPerDay',
  'attackHardwareUsd',
  'attackPowerUsdPerHour',
  'attackRewardUsdPerHour',
  'targetHashrateEhs',
  'marginalHashcostUsdPerPhDay',
];
