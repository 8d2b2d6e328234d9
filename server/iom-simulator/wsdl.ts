import { sendBody } from './http.ts';
import type { RequestContext, Route } from './router.ts';

interface SoapService {
  name: string;
  version: string;
  operations: readonly string[];
}

/** IOM's deprecated SOAP services, by path below `/webservices/`. Only their WSDL is simulated. */
export const SOAP_SERVICES: Readonly<Record<string, SoapService>> = {
  'OrderService/v1.2': { name: 'OrderService', version: '1.2', operations: ['createOrder', 'cancelOrder'] },
  'OrderStateService/v1.0': {
    name: 'OrderStateService',
    version: '1.0',
    operations: ['getOrderState', 'getOrderStates'],
  },
  'ReverseService/v1.0': {
    name: 'ReverseService',
    version: '1.0',
    operations: ['createReturnAnnouncement', 'getReturnSlips'],
  },
  'DownloadService/v1.0': {
    name: 'DownloadService',
    version: '1.0',
    operations: ['getDocument', 'getDocuments'],
  },
};

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A WSDL 1.1 document (document/literal over SOAP 1.1) for the service, with its address. */
export function renderWsdl(service: SoapService, location: string): string {
  const ns = `http://www.intershop.de/iom/webservices/${service.name}/v${service.version.replace('.', '_')}`;
  const ops = service.operations;
  const elements = ops
    .map(
      (op) => `      <xsd:element name="${op}">
        <xsd:complexType><xsd:sequence><xsd:element name="request" type="xsd:anyType"/></xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="${op}Response">
        <xsd:complexType><xsd:sequence><xsd:element name="return" type="xsd:anyType" minOccurs="0"/></xsd:sequence></xsd:complexType>
      </xsd:element>`,
    )
    .join('\n');
  const messages = ops
    .map(
      (op) => `  <wsdl:message name="${op}"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>
  <wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
    )
    .join('\n');
  const portOps = ops
    .map(
      (op) => `    <wsdl:operation name="${op}">
      <wsdl:input message="tns:${op}"/>
      <wsdl:output message="tns:${op}Response"/>
    </wsdl:operation>`,
    )
    .join('\n');
  const bindingOps = ops
    .map(
      (op) => `    <wsdl:operation name="${op}">
      <soap:operation soapAction=""/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${service.name}" targetNamespace="${ns}"
    xmlns:tns="${ns}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xsd:schema targetNamespace="${ns}" elementFormDefault="qualified">
${elements}
    </xsd:schema>
  </wsdl:types>
${messages}
  <wsdl:portType name="${service.name}">
${portOps}
  </wsdl:portType>
  <wsdl:binding name="${service.name}SoapBinding" type="tns:${service.name}">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${bindingOps}
  </wsdl:binding>
  <wsdl:service name="${service.name}">
    <wsdl:port name="${service.name}Port" binding="tns:${service.name}SoapBinding">
      <soap:address location="${escapeXml(location)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

const asksForWsdl = (url: URL) => [...url.searchParams.keys()].some((key) => key.toLowerCase() === 'wsdl');

function wsdl(ctx: RequestContext): void {
  const key = ctx.params[0] ?? '';
  const service = SOAP_SERVICES[key];
  if (!service) return;
  if (!asksForWsdl(ctx.url)) {
    const hint = `${service.name} ${service.version}: add ?wsdl to fetch the service description. SOAP calls are not simulated.\n`;
    sendBody(ctx.res, 400, hint, 'text/plain; charset=utf-8');
    return;
  }
  const location = `${ctx.sim.baseUrl()}/webservices/${key}`;
  sendBody(ctx.res, 200, renderWsdl(service, location), 'text/xml; charset=utf-8');
}

export const wsdlRoutes: Route[] = [
  {
    method: 'GET',
    pattern:
      /^\/webservices\/(OrderService\/v1\.2|OrderStateService\/v1\.0|ReverseService\/v1\.0|DownloadService\/v1\.0)$/,
    auth: true,
    handle: wsdl,
  },
];
