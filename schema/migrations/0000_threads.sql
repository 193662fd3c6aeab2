CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`display_name` text,
	`metadata` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_identifier_unique` ON `users` (`identifier`);--> statement-breakpoint
CREATE TABLE `threads` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`owner_identifier` text NOT NULL,
	`name` text NOT NULL,
	`metadata` text,
	`tags` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `threads_owner_updated_idx` ON `threads` (`owner_identifier`,`updated_at`,`id`);--> statement-breakpoint
CREATE TABLE `elements` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`for_id` text,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`display` text NOT NULL,
	`mime` text,
	`size` text,
	`language` text,
	`bytes` integer,
	`r2_key` text,
	`app_url` text,
	`content` text,
	`props` text,
	`order` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `elements_thread_order_idx` ON `elements` (`thread_id`,`order`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`for_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`value` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_for_idx` ON `feedback` (`for_id`);--> statement-breakpoint
CREATE INDEX `feedback_thread_idx` ON `feedback` (`thread_id`);--> statement-breakpoint
CREATE TABLE `steps` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`parent_id` text,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`input` text,
	`output` text NOT NULL,
	`is_error` integer DEFAULT false NOT NULL,
	`streaming` integer DEFAULT false NOT NULL,
	`language` text,
	`show_input` text,
	`default_open` integer,
	`icon` text,
	`actions` text,
	`metadata` text,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	`order` integer NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `steps_thread_order_idx` ON `steps` (`thread_id`,`order`);