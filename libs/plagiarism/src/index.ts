/** Token-based similarity of programs (winnowing); see README of this package. */
export {};
