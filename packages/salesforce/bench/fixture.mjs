// Bench fixture for `pnpm bench`: search_records for 50 records and Salesforce's raw JSON for them.
// The call is the one that costs an agent the most tokens: SELECT FIELDS(ALL) on an object it does
// not know yet. The org is a long-lived enterprise org: Account has its standard fields plus 250
// custom ones (Enterprise Edition allows 500), of which about one in twenty is filled in for any
// one account. search_records leaves out the nulls and system fields of FIELDS() rows and keeps
// every value; fields named in SELECT come back as they are (see test/compactness.test.ts).
const ITEMS = 50;
const V = 'v64.0';
const OWNER = '005Hs00000AbCdEIAV';
const INDUSTRIES = ['Energy', 'Utilities', 'Manufacturing', 'Electronics', 'Banking'];

const UNITS = ['NA', 'EMEA', 'APAC', 'LATAM', 'Global'];
const BASES = [
  'Account_Tier',
  'Annual_Contract_Value',
  'ARR_Band',
  'Billing_System_Id',
  'Churn_Risk',
  'Contract_End_Date',
  'Contract_Start_Date',
  'Credit_Limit',
  'Credit_Status',
  'CSM_Name',
  'Customer_Since',
  'Data_Residency',
  'Decision_Maker_Count',
  'Discount_Approval',
  'Duns_Parent',
  'ERP_Customer_Number',
  'Expansion_Potential',
  'Health_Score',
  'Implementation_Status',
  'Industry_Vertical',
  'Integration_Source',
  'Invoice_Terms',
  'Key_Account',
  'Last_QBR_Date',
  'Legacy_CRM_Id',
  'Marketing_Segment',
  'NPS_Score',
  'Onboarding_Stage',
  'Partner_Program',
  'Payment_Method',
  'Preferred_Language',
  'Price_Book',
  'Primary_Product',
  'Procurement_Portal',
  'Region_Override',
  'Renewal_Date',
  'Renewal_Owner',
  'Reseller',
  'Risk_Notes',
  'Sales_Channel',
  'Security_Review',
  'Segment',
  'Service_Level',
  'Strategic_Flag',
  'Support_Plan',
  'Tax_Exempt_Id',
  'Territory',
  'Upsell_Score',
  'VAT_Number',
  'Website_Traffic',
];
const CUSTOM_FIELDS = UNITS.flatMap((unit) => BASES.map((base) => `${unit}_${base}__c`));

function customValues(i) {
  return Object.fromEntries(
    CUSTOM_FIELDS.map((field, f) => {
      if ((f + i) % 20 !== 0) return [field, null];
      if (/Date|Since/.test(field)) return [field, `2025-0${(f % 9) + 1}-1${i % 10}`];
      if (/Score|Limit|Value|Count|Traffic/.test(field)) return [field, 1000 + f * i];
      return [field, `${field.replace(/__c$/, '').replace(/_/g, ' ')} ${i}`];
    }),
  );
}

function address(street, city, state, postalCode, country) {
  return { city, country, geocodeAccuracy: null, latitude: null, longitude: null, postalCode, state, street };
}

function rawAccount(i) {
  const id = `001Hs00002Wk${String(i).padStart(4, '0')}AA`;
  const street = `${100 + i} Market Street`;
  return {
    attributes: { type: 'Account', url: `/services/data/${V}/sobjects/Account/${id}` },
    Id: id,
    IsDeleted: false,
    MasterRecordId: null,
    Name: `Customer ${i} Holdings`,
    Type: 'Customer - Direct',
    ParentId: null,
    BillingStreet: street,
    BillingCity: 'San Francisco',
    BillingState: 'CA',
    BillingPostalCode: '94105',
    BillingCountry: 'United States',
    BillingLatitude: null,
    BillingLongitude: null,
    BillingGeocodeAccuracy: null,
    BillingAddress: address(street, 'San Francisco', 'CA', '94105', 'United States'),
    ShippingStreet: null,
    ShippingCity: null,
    ShippingState: null,
    ShippingPostalCode: null,
    ShippingCountry: null,
    ShippingLatitude: null,
    ShippingLongitude: null,
    ShippingGeocodeAccuracy: null,
    ShippingAddress: null,
    Phone: `(415) 555-${String(1000 + i)}`,
    Fax: null,
    AccountNumber: null,
    Website: `https://customer${i}.example.com`,
    PhotoUrl: `/services/images/photo/${id}`,
    Sic: null,
    Industry: INDUSTRIES[i % INDUSTRIES.length],
    AnnualRevenue: 1000000 * (i + 1),
    NumberOfEmployees: 50 * (i + 1),
    Ownership: null,
    TickerSymbol: null,
    Description: null,
    Rating: i % 2 ? 'Warm' : 'Hot',
    Site: null,
    OwnerId: OWNER,
    CreatedDate: '2024-03-12T09:14:05.000+0000',
    CreatedById: OWNER,
    LastModifiedDate: '2026-11-18T15:40:22.000+0000',
    LastModifiedById: OWNER,
    SystemModstamp: '2026-11-18T15:40:22.000+0000',
    LastActivityDate: null,
    LastViewedDate: '2026-11-20T16:02:11.000+0000',
    LastReferencedDate: '2026-11-20T16:02:11.000+0000',
    Jigsaw: null,
    JigsawCompanyId: null,
    CleanStatus: 'Pending',
    AccountSource: null,
    DunsNumber: null,
    Tradestyle: null,
    NaicsCode: null,
    NaicsDesc: null,
    YearStarted: null,
    SicDesc: null,
    DandbCompanyId: null,
    OperatingHoursId: null,
    ...customValues(i),
  };
}

export default {
  action: 'search_records',
  args: { soql: 'SELECT FIELDS(ALL) FROM Account ORDER BY Name LIMIT 50', limit: ITEMS },
  items: ITEMS,
  env: (baseUrl) => ({ SALESFORCE_INSTANCE_URL: baseUrl, SALESFORCE_ACCESS_TOKEN: 'bench-token-not-secret' }),
  rawBody: { totalSize: ITEMS, done: true, records: Array.from({ length: ITEMS }, (_, i) => rawAccount(i)) },
};
