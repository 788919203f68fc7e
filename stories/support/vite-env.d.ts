// `?raw` imports and import.meta.env in stories, typed by Vite's client types.
/// <reference types="vite/client" />
