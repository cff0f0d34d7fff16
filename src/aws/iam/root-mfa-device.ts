/**
 * Is the root user's MFA a virtual device? ListVirtualMFADevices(AssignmentStatus=Assigned)
 * lists virtual devices only; a device whose serial is
 * arn:aws:iam::<account>:mfa/root-account-mfa-device, or whose user is the root
 * (arn ...:root), is the root's. Root MFA that is not virtual is hardware (a FIDO
 * security key or a hardware TOTP token).
 */
import { type CheckContext, iamPages } from '../context.js';
import { type Observed, observe } from '../observed.js';

export interface RootMfaDevice {
  readonly rootVirtual: boolean;
  readonly serial: string | undefined;
}

export function isRootVirtualDevice(device: { SerialNumber?: unknown; User?: { Arn?: unknown } }): boolean {
  const serial = typeof device.SerialNumber === 'string' ? device.SerialNumber : '';
  const userArn = typeof device.User?.Arn === 'string' ? device.User.Arn : '';
  return /:mfa\/root-account-mfa-device$/.test(serial) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(userArn);
}

export function observeRootMfaDevice(ctx: CheckContext): Promise<Observed<RootMfaDevice>> {
  return observe(async (log) => {
    const pages = await iamPages(ctx, log, 'ListVirtualMFADevices', { AssignmentStatus: 'Assigned' });
    const devices = pages.flatMap((p) => (Array.isArray(p.VirtualMFADevices) ? p.VirtualMFADevices : [])) as { SerialNumber?: unknown; User?: { Arn?: unknown } }[];
    const root = devices.find(isRootVirtualDevice);
    return { rootVirtual: root !== undefined, serial: typeof root?.SerialNumber === 'string' ? root.SerialNumber : undefined };
  });
}
