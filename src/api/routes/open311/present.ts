import type { Open311RequestFacts } from '../../../commands/public/open311-requests.js';
import { localText, type LocalText } from '../../../core/plan.js';
import { openStages } from '../../../core/types.js';
import { portalMessages, type PortalLanguage } from '../../portal/i18n/index.js';

/** GeoReport v2 field names, exactly as the spec writes them. */
interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string | null;
}

export function serviceOf(service: { code: string; name: LocalText }, language: PortalLanguage): Open311Service {
  const name = localText(service.name, language);
  const other = localText(service.name, language === 'zh' ? 'en' : 'zh');
  return {
    service_code: service.code,
    service_name: name,
    description: portalMessages[language].open311.serviceDescription(name),
    // Every service takes the petition's kind, headcount and subject (see the definition).
    metadata: true,
    // The request id is known as soon as the request is posted.
    type: 'realtime',
    keywords: [other, service.code].filter((word, index, all) => word !== name && all.indexOf(word) === index).join(', '),
    group: null,
  };
}

/** The attributes every service takes: what Redress needs beyond the spec's own fields. */
export function serviceDefinitionOf(code: string, language: PortalLanguage) {
  const m = portalMessages[language].open311;
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: m.attributes.kind,
        values: [
          { key: 'individual', name: m.kinds.individual },
          { key: 'collective', name: m.kinds.collective },
        ],
      },
      {
        variable: true,
        code: 'headcount',
        datatype: 'number',
        required: false,
        datatype_description: null,
        order: 2,
        description: m.attributes.headcount,
        values: [] as { key: string; name: string }[],
      },
      {
        variable: true,
        code: 'title',
        datatype: 'string',
        required: false,
        datatype_description: null,
        order: 3,
        description: m.attributes.title,
        values: [] as { key: string; name: string }[],
      },
    ],
  };
}

type ServiceDefinition = ReturnType<typeof serviceDefinitionOf>;

/** The definition as the spec's XML tree: lists wrapped in their singular elements. */
export function serviceDefinitionXml(definition: ServiceDefinition): Record<string, unknown> {
  return {
    service_definition: {
      service_code: definition.service_code,
      attributes: {
        attribute: definition.attributes.map((attribute) => ({ ...attribute, values: { value: attribute.values } })),
      },
    },
  };
}

interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/**
 * A request in the spec's fields, filled from our data: open or closed from the stage, the lead
 * unit as the agency responsible, and as status notes the latest official answer (to the client
 * that sent the request) or the stage in plain words.
 */
export function requestOf(
  facts: Open311RequestFacts,
  context: { language: PortalLanguage; serviceNames: Map<string, LocalText>; acceptDays: number },
): Open311Request {
  const m = portalMessages[context.language];
  const name = context.serviceNames.get(facts.category);
  const agency = facts.leadUnit ? (context.language === 'en' ? (facts.leadUnit.nameEn ?? facts.leadUnit.name) : facts.leadUnit.name) : null;
  return {
    service_request_id: facts.reference,
    status: openStages.includes(facts.stage) ? 'open' : 'closed',
    status_notes: facts.sent?.latestAnswer ?? m.stages[facts.stage].title,
    service_name: name ? localText(name, context.language) : facts.category,
    service_code: facts.category,
    description: facts.sent?.description ?? null,
    agency_responsible: agency,
    service_notice: m.open311.serviceNotice(context.acceptDays),
    requested_datetime: facts.receivedAt,
    updated_datetime: facts.updatedAt,
    expected_datetime: facts.expectedAt,
    address: facts.sent?.addressString ?? null,
    address_id: facts.sent?.addressId ?? null,
    zipcode: null,
    lat: facts.sent?.latitude ?? null,
    long: facts.sent?.longitude ?? null,
    media_url: facts.sent?.mediaUrl ?? null,
  };
}
