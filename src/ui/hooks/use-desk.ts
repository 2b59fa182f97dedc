// Selector hooks over the desk store and the UI store (zustand v5: derived arrays need useShallow).
import { useStore } from 'zustand';
import type { DeskState } from '../../store/state.js';
import { useDeskContext } from '../context.js';
import type { UiState } from '../ui-store.js';

export function useDesk<T>(selector: (s: DeskState) => T): T {
  return useStore(useDeskContext().store, selector);
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useDeskContext().ui, selector);
}
