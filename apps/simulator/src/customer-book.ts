import {
  type CustomerIdentity,
  type CustomerIdentityInput,
  createBsuid,
  resolveIdentity,
} from './customer-identity';
import { CustomerInputError } from './customer-message';
import type { IdentityChange } from './identity-change';
import { buildChatKey, type SandboxState, type SimCustomer } from './sandbox-state';
import type { Clock } from './simulator-options';

/**
 * The simulated customers of every number: one per (number, wa_id), found by wa_id or by BSUID
 * in O(1), with the identity rules (BSUID, username, hidden phone, number and BSUID changes).
 */
export class CustomerBook {
  private readonly state: SandboxState;
  private readonly clock: Clock;
  /** `phoneNumberId:userId` → customer. */
  private readonly byUserId = new Map<string, SimCustomer>();

  constructor(state: SandboxState, clock: Clock) {
    this.state = state;
    this.clock = clock;
    for (const customer of Object.values(state.customers)) {
      if (customer.userId !== null)
        this.byUserId.set(buildChatKey(customer.phoneNumberId, customer.userId), customer);
    }
  }

  find(phoneNumberId: string, waId: string): SimCustomer | null {
    return this.state.customers[buildChatKey(phoneNumberId, waId)] ?? null;
  }

  findByUserId(phoneNumberId: string, userId: string): SimCustomer | null {
    return this.byUserId.get(buildChatKey(phoneNumberId, userId)) ?? null;
  }

  upsert(phoneNumberId: string, waId: string): SimCustomer {
    const key = buildChatKey(phoneNumberId, waId);
    const existing = this.state.customers[key];
    if (existing) return existing;
    const customer: SimCustomer = {
      phoneNumberId,
      waId,
      name: null,
      lastInboundAt: null,
      lastMessageAt: this.clock.now(),
      reachable: true,
      typingUntil: null,
      marketingStopped: false,
      marketingCapped: false,
      userId: null,
      parentUserId: null,
      username: null,
      usernameOnly: false,
    };
    this.state.customers[key] = customer;
    return customer;
  }

  /** The identity (number, wa_id) has once `input` is applied; throws CustomerInputError. */
  resolveIdentity(phoneNumberId: string, waId: string, input: CustomerIdentityInput): CustomerIdentity {
    return resolveIdentity(this.find(phoneNumberId, waId), input, (userId) => {
      const owner = this.findByUserId(phoneNumberId, userId);
      return owner !== null && owner.waId !== waId;
    });
  }

  applyIdentity(customer: SimCustomer, identity: CustomerIdentity): void {
    if (customer.userId !== identity.userId) {
      if (customer.userId !== null)
        this.byUserId.delete(buildChatKey(customer.phoneNumberId, customer.userId));
      if (identity.userId !== null) {
        this.byUserId.set(buildChatKey(customer.phoneNumberId, identity.userId), customer);
      }
    }
    customer.userId = identity.userId;
    customer.parentUserId = identity.parentUserId;
    customer.username = identity.username;
    customer.usernameOnly = identity.usernameOnly;
  }

  /** Checks `change` against the number's customers and answers the customer's new BSUID. */
  planIdentityChange(customer: SimCustomer, change: IdentityChange): string {
    const { phoneNumberId } = customer;
    if (change.change === 'number' && this.find(phoneNumberId, change.waId)) {
      throw new CustomerInputError(`waId ${change.waId} already belongs to a customer of this number`);
    }
    if (change.change === 'user_id' && customer.userId === null) {
      throw new CustomerInputError('this customer has no BSUID to change; give them a userId first');
    }
    const newWaId = change.change === 'number' ? change.waId : customer.waId;
    const userId = change.userId ?? createBsuid(customer.userId, newWaId);
    if (userId === customer.userId || this.findByUserId(phoneNumberId, userId)) {
      throw new CustomerInputError(`userId ${userId} is already in use on this number`);
    }
    return userId;
  }

  /** After a number change the customer and their chat live under the new wa_id. */
  move(customer: SimCustomer, newWaId: string): void {
    const from = buildChatKey(customer.phoneNumberId, customer.waId);
    const to = buildChatKey(customer.phoneNumberId, newWaId);
    const chat = this.state.chats[from] ?? [];
    for (const message of chat) message.waId = newWaId;
    delete this.state.customers[from];
    delete this.state.chats[from];
    customer.waId = newWaId;
    this.state.customers[to] = customer;
    this.state.chats[to] = chat;
  }

  list(phoneNumberId: string): SimCustomer[] {
    return Object.values(this.state.customers)
      .filter((customer) => customer.phoneNumberId === phoneNumberId)
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  }
}
