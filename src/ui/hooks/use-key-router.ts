// Mounts the one key router (keys/router.ts) on Ink's raw input events. No other component reads
// keys, so input priority is the router's order, not the order hooks happened to register.
import { useStdin } from 'ink';
import { useEffect, useMemo } from 'react';
import { createKeyRouter, type RouterContext } from '../keys/router.js';

export function useKeyRouter(ctx: RouterContext): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin();
  const router = useMemo(() => createKeyRouter(ctx), [ctx]);
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  useEffect(() => {
    const onInput = (raw: string) => router.handle(raw);
    internal_eventEmitter.on('input', onInput);
    return () => {
      internal_eventEmitter.off('input', onInput);
    };
  }, [internal_eventEmitter, router]);
}
