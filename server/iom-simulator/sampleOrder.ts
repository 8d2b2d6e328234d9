/**
 * A small order that IOM (and the simulator) accepts: one bucket, one position, EUR. Tests, benchmarks and
 * the demo build on it; `overrides` replace top-level fields.
 */
export function sampleOrder(
  shopOrderNumber: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const taxes = [{ type: 'VAT', amount: 3.99, rate: 19 }];
  const address = {
    location: {
      type: 'AddressLocationStreet',
      street: 'Intershop Tower',
      city: 'Jena',
      postCode: '07740',
      countryCode: 'DEU',
    },
    receiver: { addressReceiverType: 'PERSON', person: { firstName: 'Patricia', lastName: 'Miller' } },
    contact: { email: 'patricia@example.com' },
  };
  return {
    shopOrderNumber,
    shopOrderCreationDate: '2026-01-15T10:20:30.000+01:00',
    customerData: { customerDataType: 'PERSON', shopCustomerNumber: 'CUST-0001' },
    invoiceAddress: address,
    payment: { paymentMethod: 'INVOICE' },
    sales: {
      currencyCode: 'EUR',
      subTotal: { net: { amount: 21.0 }, gross: { amount: 24.99 }, taxes },
      total: { net: { amount: 21.0 }, gross: { amount: 24.99 }, taxes },
    },
    shippingBuckets: [
      {
        number: '1',
        shippingAddress: address,
        shippingMethod: 'DHL',
        positions: [
          {
            number: 1,
            product: { name: 'Sony Cyber-shot DSC-W800', number: '201807171' },
            quantity: 1,
            sum: { net: { amount: 21.0 }, gross: { amount: 24.99 }, taxes },
            shipping: { deliveryDate: { deliveryDateType: 'STANDARD' }, expectedDeliveryDays: 3 },
          },
        ],
      },
    ],
    ...overrides,
  };
}
