/** The facts of an IOM Order 2.x body a person checks first, read defensively: any field may be missing. */
export interface OrderSummary {
  customer: string | null;
  customerNumber: string | null;
  email: string | null;
  city: string | null;
  total: string | null;
  paymentMethod: string | null;
  buckets: number;
  lines: number;
  quantity: number;
  createdAt: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null;

function receiverName(address: Obj): string | null {
  const receiver = obj(address.receiver);
  const person = obj(receiver.person);
  const name = [str(person.firstName), str(person.lastName)].filter(Boolean).join(' ');
  return name || str(receiver.companyName);
}

function money(sum: Obj, currency: string | null): string | null {
  const gross = obj(sum.gross).amount;
  const net = obj(sum.net).amount;
  const amount = typeof gross === 'number' ? gross : typeof net === 'number' ? net : null;
  if (amount === null) return null;
  const formatted = amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${formatted}${currency ? ` ${currency}` : ''}${typeof gross === 'number' ? ' gross' : ' net'}`;
}

export function orderSummary(payload: unknown): OrderSummary {
  const order = obj(payload);
  const invoice = obj(order.invoiceAddress);
  const sales = obj(order.sales);
  const buckets = arr(order.shippingBuckets).map(obj);
  const positions = buckets.flatMap((b) => arr(b.positions).map(obj));
  return {
    customer: receiverName(invoice),
    customerNumber: str(obj(order.customerData).shopCustomerNumber),
    email: str(obj(invoice.contact).email),
    city: str(obj(invoice.location).city),
    total: money(obj(sales.total), str(sales.currencyCode)),
    paymentMethod: str(obj(order.payment).paymentMethod),
    buckets: buckets.length,
    lines: positions.length,
    quantity: positions.reduce((n, p) => n + (typeof p.quantity === 'number' ? p.quantity : 0), 0),
    createdAt: str(order.shopOrderCreationDate),
  };
}
