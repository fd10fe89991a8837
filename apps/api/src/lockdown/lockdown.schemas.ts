import { z } from 'zod';
import { MAX_ALLOWED_NETWORKS } from '@judge/contract';
import { normaliseNetwork } from './networks';

/**
 * An allow-list of networks (ContestInput.allowedNetworks, AssignmentInput.allowedNetworks): CIDR ranges or single
 * addresses, IPv4 or IPv6, kept in normal form (host bits cleared) and once each.
 */
export const allowedNetworksSchema = z
  .array(z.string().max(100))
  .max(MAX_ALLOWED_NETWORKS)
  .transform((list, ctx) => {
    const normal: string[] = [];
    list.forEach((text, index) => {
      const network = normaliseNetwork(text);
      if (network === null) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `"${text}" is not a network: write a range as 10.1.0.0/16 or 2001:db8::/32, or one address`,
        });
      } else if (!normal.includes(network)) normal.push(network);
    });
    return normal;
  });
