import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../common/app-error';

/*
 * Requests the API makes to addresses its users give (Judge0's callback_url, webhooks). Such a URL may point at the
 * API's own network (a database, a cloud metadata service): server-side request forgery. So only http(s), no
 * credentials in the URL, no redirects followed, and every address the name resolves to must be public unless the
 * operator allows private ones (OUTBOUND_ALLOW_PRIVATE). The check runs in the connection's own DNS lookup, so a
 * name that resolves to a public address when checked and a private one when connecting (DNS rebinding) is caught.
 */

/** What the operator allows. */
export interface OutboundPolicy {
  /** Loopback, private, link-local and other non-public ranges too (a deployment that calls its own network). */
  allowPrivate: boolean;
}

/** An outbound URL refused before any request: 422 with the field it came in (`url` unless told). */
export class OutboundUrlRefused extends AppError {
  constructor(reason: string, field = 'url') {
    super(422, 'URL_REFUSED', reason, { field });
  }
}

/** Whether an address is one the world can reach: not loopback, private, link-local, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/**
 * The URL if it may be called under the policy, as far as can be told without resolving it (scheme, credentials,
 * an address literal); else OutboundUrlRefused. Names are checked again when connecting.
 */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlRefused('not a valid URL', field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundUrlRefused('only http and https URLs are allowed', field);
  }
  if (url.username || url.password) throw new OutboundUrlRefused('a URL may not carry credentials', field);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && ipaddr.isValid(host) && !isPublicAddress(host)) {
    throw new OutboundUrlRefused(`${host} is not a public address`, field);
  }
  if (!policy.allowPrivate && /^localhost$|\.localhost$/i.test(host)) {
    throw new OutboundUrlRefused(`${host} is not a public address`, field);
  }
  return url;
}

/** A DNS lookup that fails when any address of the name is not public. */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused) {
        const reason = Object.assign(new Error(`${hostname} resolves to ${refused.address}, not a public address`), {
          code: 'EADDRNOTPUBLIC',
        });
        return callback(reason, '', 0);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export interface OutboundRequest {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Whole request, connecting included. */
  timeoutMs: number;
}

/** What came back, or why nothing did. */
export interface OutboundResponse {
  /** The HTTP status; null when no response came (refused, unreachable, timed out). */
  status: number | null;
  /** The start of the response body (at most RESPONSE_KEPT characters), or the error. */
  detail: string;
  durationMs: number;
}

/** Characters of a response body kept: enough to see an error page's message. */
const RESPONSE_KEPT = 1024;

/** Sends one request under the policy; never throws: a failure is a response without a status. */
export async function sendOutbound(req: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  const started = performance.now();
  const done = (status: number | null, detail: string): OutboundResponse => ({
    status,
    detail,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = checkOutboundUrl(req.url, policy);
  } catch (error) {
    return done(null, (error as Error).message);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundResponse>((resolve) => {
    const request = send(
      url,
      {
        method: req.method,
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        timeout: req.timeoutMs,
        ...(policy.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (response: IncomingMessage) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (body.length < RESPONSE_KEPT) body += chunk.slice(0, RESPONSE_KEPT - body.length);
        });
        response.on('end', () => resolve(done(response.statusCode ?? null, body)));
        response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer in ${req.timeoutMs} ms`)), req.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer in ${req.timeoutMs} ms`)));
    request.on('error', (error) => resolve(done(null, error.message)));
    request.on('close', () => clearTimeout(timer));
    request.end(req.body);
  });
}
